//! The one error type of the edge and its conversion to an HTTP answer.
//!
//! Every answer is `{"code", "message"}` with a stable machine code and a human sentence
//! (Vietnamese, then English). Internal details are logged without personal data and never
//! echoed: no upstream text, no identifiers, no tokens in bodies.

use shared::dto::ApiError;
use std::borrow::Cow;

/// An upstream dependency the edge talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upstream {
    /// The national health data store (FHIR).
    Store,
    /// The national identity provider (OIDC).
    Identity,
}

#[derive(Debug)]
pub enum AppError {
    /// 400: the request is malformed; `code` says which part.
    BadRequest {
        code: &'static str,
        message: Cow<'static, str>,
    },
    /// 401: no valid session (absent, forged, tampered, expired or signed out).
    Unauthenticated,
    /// 403: signed in, but no rule allows this.
    Forbidden {
        code: &'static str,
        message: Cow<'static, str>,
    },
    /// 404: nothing at this path.
    NotFound,
    /// 405: this path exists for other methods.
    MethodNotAllowed,
    /// 502: an upstream answered with an error, garbage, or refused the connection.
    UpstreamUnavailable(Upstream),
    /// 504: an upstream did not answer in time.
    UpstreamTimeout(Upstream),
    /// 500: a bug or a runtime failure; the detail is logged, never sent.
    Internal(Cow<'static, str>),
}

impl AppError {
    pub fn internal(detail: impl Into<Cow<'static, str>>) -> Self {
        AppError::Internal(detail.into())
    }

    pub fn bad_request(code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        AppError::BadRequest {
            code,
            message: message.into(),
        }
    }

    pub fn forbidden(code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        AppError::Forbidden {
            code,
            message: message.into(),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::BadRequest { .. } => 400,
            AppError::Unauthenticated => 401,
            AppError::Forbidden { .. } => 403,
            AppError::NotFound => 404,
            AppError::MethodNotAllowed => 405,
            AppError::UpstreamUnavailable(_) => 502,
            AppError::UpstreamTimeout(_) => 504,
            AppError::Internal(_) => 500,
        }
    }

    /// The body sent to the client.
    pub fn body(&self) -> ApiError {
        let (code, message): (&str, Cow<'static, str>) = match self {
            AppError::BadRequest { code, message } | AppError::Forbidden { code, message } => {
                (code, message.clone())
            }
            AppError::Unauthenticated => (
                "unauthenticated",
                "Bạn chưa đăng nhập hoặc phiên đã hết hạn. Vui lòng đăng nhập lại. / \
                 You are not signed in or your session has ended. Please sign in again."
                    .into(),
            ),
            AppError::NotFound => (
                "not_found",
                "Không tìm thấy địa chỉ này. / Nothing was found at this address.".into(),
            ),
            AppError::MethodNotAllowed => (
                "method_not_allowed",
                "Thao tác này không được hỗ trợ ở địa chỉ này. / \
                 This action is not supported at this address."
                    .into(),
            ),
            AppError::UpstreamUnavailable(Upstream::Store) => (
                "store_unavailable",
                "Kho dữ liệu y tế quốc gia đang gặp sự cố. Vui lòng thử lại sau ít phút. / \
                 The national health data store is having problems. Please try again in a few minutes."
                    .into(),
            ),
            AppError::UpstreamUnavailable(Upstream::Identity) => (
                "identity_unavailable",
                "Hệ thống định danh đang gặp sự cố. Vui lòng thử lại sau ít phút. / \
                 The identity service is having problems. Please try again in a few minutes."
                    .into(),
            ),
            AppError::UpstreamTimeout(Upstream::Store) => (
                "store_timeout",
                "Kho dữ liệu y tế quốc gia phản hồi quá chậm. Vui lòng thử lại. / \
                 The national health data store took too long to answer. Please try again."
                    .into(),
            ),
            AppError::UpstreamTimeout(Upstream::Identity) => (
                "identity_timeout",
                "Hệ thống định danh phản hồi quá chậm. Vui lòng thử lại. / \
                 The identity service took too long to answer. Please try again."
                    .into(),
            ),
            AppError::Internal(_) => (
                "internal_error",
                "Đã có lỗi xảy ra. Vui lòng thử lại. / Something went wrong. Please try again."
                    .into(),
            ),
        };
        ApiError {
            code: code.to_owned(),
            message: message.into_owned(),
        }
    }
}

impl From<worker::Error> for AppError {
    /// Runtime errors (bindings, storage) are internal; their text stays in the log.
    fn from(err: worker::Error) -> Self {
        AppError::Internal(Cow::Owned(format!("runtime: {err}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_status_code_and_bilingual_message() {
        let all = [
            AppError::bad_request("bad_patient_id", "a / b"),
            AppError::Unauthenticated,
            AppError::forbidden("not_authorized", "a / b"),
            AppError::NotFound,
            AppError::MethodNotAllowed,
            AppError::UpstreamUnavailable(Upstream::Store),
            AppError::UpstreamUnavailable(Upstream::Identity),
            AppError::UpstreamTimeout(Upstream::Store),
            AppError::UpstreamTimeout(Upstream::Identity),
            AppError::internal("secret detail that must not leak"),
        ];
        let expected = [400, 401, 403, 404, 405, 502, 502, 504, 504, 500];
        for (err, status) in all.iter().zip(expected) {
            assert_eq!(err.status(), status);
            let body = err.body();
            assert!(!body.code.is_empty());
            assert!(body.message.contains(" / "), "bilingual: {}", body.message);
            assert!(!body.message.contains("secret detail"));
        }
    }
}

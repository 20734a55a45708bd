//! Thin wrappers over the runtime's WebCrypto: randomness, SHA-256, HMAC and RS256 verification.
//!
//! WebCrypto instead of Rust crypto crates: the runtime's implementation is native, constant-time
//! where it matters, and costs no wasm bytes.

use crate::error::AppError;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

fn crypto() -> Result<web_sys::Crypto, AppError> {
    // workerd's global is not an `instanceof WorkerGlobalScope`, so read the property directly.
    let crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .map_err(|_| AppError::internal("no WebCrypto"))?;
    if !crypto.is_object() {
        return Err(AppError::internal("no WebCrypto"));
    }
    Ok(crypto.unchecked_into())
}

fn subtle() -> Result<SubtleCrypto, AppError> {
    Ok(crypto()?.subtle())
}

/// `n` bytes from the runtime's CSPRNG.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, AppError> {
    let mut buf = vec![0u8; n];
    crypto()?
        .get_random_values_with_u8_array(&mut buf)
        .map_err(|_| AppError::internal("getRandomValues failed"))?;
    Ok(buf)
}

/// A random token of `n` bytes, base64url without padding.
pub fn random_token(n: usize) -> Result<String, AppError> {
    Ok(b64url_encode(&random_bytes(n)?))
}

async fn await_promise(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, AppError> {
    let promise = promise.map_err(|_| AppError::internal("WebCrypto call rejected"))?;
    JsFuture::from(promise)
        .await
        .map_err(|_| AppError::internal("WebCrypto promise rejected"))
}

fn to_vec(value: JsValue) -> Vec<u8> {
    Uint8Array::new(&value).to_vec()
}

pub async fn sha256(data: &[u8]) -> Result<Vec<u8>, AppError> {
    let digest = await_promise(subtle()?.digest_with_str_and_u8_array("SHA-256", data)).await?;
    Ok(to_vec(digest))
}

fn object(pairs: &[(&str, JsValue)]) -> Result<Object, AppError> {
    let obj = Object::new();
    for (key, value) in pairs {
        Reflect::set(&obj, &JsValue::from_str(key), value)
            .map_err(|_| AppError::internal("building a WebCrypto parameter failed"))?;
    }
    Ok(obj)
}

fn usages(usages: &[&str]) -> Array {
    usages.iter().map(|u| JsValue::from_str(u)).collect()
}

async fn hmac_key(secret: &[u8]) -> Result<CryptoKey, AppError> {
    let algorithm = object(&[("name", "HMAC".into()), ("hash", "SHA-256".into())])?;
    let key = await_promise(subtle()?.import_key_with_object(
        "raw",
        &Uint8Array::from(secret),
        &algorithm,
        false,
        &usages(&["sign"]),
    ))
    .await?;
    key.dyn_into()
        .map_err(|_| AppError::internal("HMAC key import failed"))
}

/// HMAC-SHA256 of `data` under `secret`.
pub async fn hmac_sha256(secret: &[u8], data: &[u8]) -> Result<Vec<u8>, AppError> {
    let key = hmac_key(secret).await?;
    let sig = await_promise(subtle()?.sign_with_str_and_u8_array("HMAC", &key, data)).await?;
    Ok(to_vec(sig))
}

/// Compares two byte strings in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Verifies an RS256 (RSASSA-PKCS1-v1_5 + SHA-256) signature with a public JWK.
pub async fn verify_rs256(
    jwk: &serde_json::Value,
    signed: &[u8],
    signature: &[u8],
) -> Result<bool, AppError> {
    let jwk_js =
        js_sys::JSON::parse(&jwk.to_string()).map_err(|_| AppError::internal("JWK is not JSON"))?;
    let jwk_obj: Object = jwk_js.unchecked_into();
    let algorithm = object(&[
        ("name", "RSASSA-PKCS1-v1_5".into()),
        ("hash", "SHA-256".into()),
    ])?;
    let key: CryptoKey = await_promise(subtle()?.import_key_with_object(
        "jwk",
        &jwk_obj,
        &algorithm,
        false,
        &usages(&["verify"]),
    ))
    .await?
    .dyn_into()
    .map_err(|_| AppError::internal("JWK import failed"))?;
    let ok = await_promise(subtle()?.verify_with_str_and_u8_array_and_u8_array(
        "RSASSA-PKCS1-v1_5",
        &key,
        signature,
        signed,
    ))
    .await?;
    Ok(ok.as_bool().unwrap_or(false))
}

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B64STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn encode(data: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        let chars = chunk.len() + 1;
        for i in 0..4 {
            if i < chars {
                out.push(alphabet[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// base64url without padding (JWT, cookies, PKCE).
pub fn b64url_encode(data: &[u8]) -> String {
    encode(data, B64URL, false)
}

/// Standard base64 with padding (HTTP Basic auth).
pub fn b64_encode(data: &[u8]) -> String {
    encode(data, B64STD, true)
}

/// Decodes base64url (padding tolerated). `None` on any invalid character.
pub fn b64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in text.bytes() {
        let v = B64URL.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // Leftover bits must be zero padding of a valid encoding.
    (acc == 0 && bits < 6).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        let cases: &[(&[u8], &str, &str)] = &[
            (b"", "", ""),
            (b"f", "Zg", "Zg=="),
            (b"fo", "Zm8", "Zm8="),
            (b"foo", "Zm9v", "Zm9v"),
            (b"foob", "Zm9vYg", "Zm9vYg=="),
            (&[0xfb, 0xff], "-_8", "+/8="),
        ];
        for (raw, url, std) in cases {
            assert_eq!(b64url_encode(raw), *url);
            assert_eq!(b64_encode(raw), *std);
            assert_eq!(b64url_decode(url).as_deref(), Some(*raw));
        }
        assert_eq!(b64url_decode("Zm9v!"), None);
        assert_eq!(b64url_decode("Zh"), None, "non-zero padding bits");
    }

    #[test]
    fn constant_time_eq_compares() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}

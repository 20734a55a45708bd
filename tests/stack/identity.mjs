#!/usr/bin/env node
// Stand-in for VNeID (the national identity provider): a real OpenID Connect provider for dev and
// tests, built on oidc-provider 9 (panva). Authorization code flow with PKCE S256 for one
// confidential client; a plain no-JavaScript sign-in page; demo accounts from a JSON file, all
// signing in with one demo password.
//
//   OIDC_CLIENT_SECRET=... DEMO_PASSWORD=... node tests/stack/identity.mjs --port N \
//     --issuer http://127.0.0.1:N --accounts accounts.json --client-id ID \
//     --redirect-uri URI [--redirect-uri URI2 ...] [--post-logout-redirect-uri URI ...]
//
// Sessions, grants and codes live in memory (oidc-provider's default adapter): a restart signs
// everyone out. Nothing about logins or passwords is ever logged.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    issuer: { type: 'string' },
    accounts: { type: 'string' },
    'client-id': { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true },
    'post-logout-redirect-uri': { type: 'string', multiple: true, default: [] },
  },
});
const { OIDC_CLIENT_SECRET: clientSecret, DEMO_PASSWORD: demoPassword } = process.env;
if (!args.port || !args.issuer || !args.accounts || !args['client-id'] || !args['redirect-uri'] || !clientSecret || !demoPassword) {
  console.error(
    'usage: OIDC_CLIENT_SECRET=... DEMO_PASSWORD=... node tests/stack/identity.mjs --port N --issuer URL\n' +
      '         --accounts accounts.json --client-id ID --redirect-uri URI [...] [--post-logout-redirect-uri URI ...]',
  );
  process.exit(2);
}
const issuer = args.issuer.replace(/\/+$/, '');

// --- Accounts ---------------------------------------------------------------------------------
// Indexed by login and by sub: sign-in and token issuance are O(1) with thousands of accounts.
const byLogin = new Map();
const bySub = new Map();
for (const account of JSON.parse(fs.readFileSync(args.accounts, 'utf8')).accounts ?? []) {
  byLogin.set(normalizeLogin(account.login), account);
  bySub.set(account.sub, account);
}

// Citizens type their 12-digit CCCD, often grouped with spaces ("079 203 001 234").
function normalizeLogin(raw) {
  const login = String(raw ?? '').trim();
  return /^[\d\s]+$/.test(login) ? login.replace(/\s+/g, '') : login;
}

// Compare fixed-length digests so the comparison time does not depend on the password.
const digest = (s) => crypto.createHash('sha256').update(String(s)).digest();
const passwordDigest = digest(demoPassword);

// --- Provider ---------------------------------------------------------------------------------
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: args['client-id'],
      client_secret: clientSecret,
      application_type: 'web', // http://127.0.0.1 redirect URIs are allowed for web clients using `code`
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: args['redirect-uri'],
      post_logout_redirect_uris: args['post-logout-redirect-uri'],
      // Registering basic also accepts client_secret_post: oidc-provider treats the two alike.
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
  ],
  clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
  responseTypes: ['code'],
  pkce: { required: () => true }, // oidc-provider 9 only implements S256
  scopes: ['openid', 'profile', 'vneid'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'birthdate'],
    vneid: ['personal_id', 'ssk_role', 'facility_code'],
  },
  // Put the scope-granted claims in the ID token itself (not only at userinfo): the app reads them
  // from the ID token.
  conformIdTokenClaims: false,
  jwks: { keys: [signingKey] },
  cookies: {
    keys: [crypto.randomBytes(32).toString('base64url')],
    // oidc-provider only marks cookies Secure when the request is https, so they work over plain
    // http on 127.0.0.1 as they are.
  },
  ttl: { AuthorizationCode: 60, IdToken: 600, AccessToken: 600, Interaction: 3600, Session: 8 * 3600, Grant: 8 * 3600 },
  features: {
    devInteractions: { enabled: false }, // the interaction routes below replace them
    rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    resourceIndicators: { enabled: false }, // no resource servers here; tokens are for userinfo only
  },
  findAccount(_ctx, sub) {
    const account = bySub.get(sub);
    if (!account) {
      return undefined;
    }
    return {
      accountId: sub,
      // oidc-provider filters these down to what the granted scopes allow.
      claims: () => ({
        sub,
        name: account.name,
        birthdate: account.birthdate,
        personal_id: account.personal_id,
        ssk_role: account.role,
        facility_code: account.facility_code,
      }),
    };
  },
  // The app is first-party: grant whatever it asks for instead of showing a consent screen. Also
  // what lets prompt=none succeed for a signed-in user.
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    const grant =
      (grantId && (await ctx.oidc.provider.Grant.find(grantId))) ||
      new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
    grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
    await grant.save();
    return grant;
  },
  // Own error/logout pages: the defaults load Google Fonts and print "you SHOULD change" notices
  // on stdout (where only the ready line belongs).
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page(
      'VNeID (mô phỏng) — Lỗi',
      `<h1>Có lỗi xảy ra / Something went wrong</h1><p><code>${esc(out.error)}</code></p><p>${esc(out.error_description ?? '')}</p>`,
    );
  },
  clientBasedCORS: () => false, // the code exchange is server-to-server; no browser CORS needed
});

// Logout with a signed-in user: oidc-provider requires a POST (with its xsrf token) to its confirm
// endpoint, and auto-submitting that would need JavaScript, so the user clicks once.
async function logoutSource(ctx, form) {
  ctx.body = page(
    'VNeID (mô phỏng) — Đăng xuất',
    `<h1>Đăng xuất khỏi VNeID? / Sign out of VNeID?</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Đăng xuất / Sign out</button>`,
  );
}

async function postLogoutSuccessSource(ctx) {
  ctx.body = page('VNeID (mô phỏng) — Đã đăng xuất', '<h1>Bạn đã đăng xuất. / You have signed out.</h1>');
}

// Logout with nobody signed in: oidc-provider answers with a JavaScript auto-submit form. There is
// nothing to end, so redirect straight to the (already validated) post_logout_redirect_uri.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.oidc?.route === 'end_session' && ctx.status === 200 && !ctx.oidc.session?.accountId) {
    const { post_logout_redirect_uri: target, state } = ctx.oidc.params;
    const url = new URL(target ?? ctx.oidc.urlFor('end_session_success'));
    if (target && state) {
      url.searchParams.set('state', state);
    }
    ctx.status = 303;
    ctx.redirect(url.href);
  }
});

// --- Sign-in page (the interaction routes) -----------------------------------------------------
const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function page(title, body) {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;padding:1rem;color:#1b1f23}
main{max-width:24rem;margin:2rem auto;background:#fff;padding:1.5rem;border-radius:8px;box-shadow:0 1px 3px #0002}
h1{font-size:1.25rem;margin-top:0}label{display:block;margin:1rem 0 .25rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #8a939c;border-radius:4px}
button{margin-top:1.25rem;width:100%;padding:.7rem;font-size:1rem;border:0;border-radius:4px;background:#b3261e;color:#fff}
.error{background:#fdecea;color:#8c1d18;padding:.6rem;border-radius:4px}.note{color:#555;font-size:.85rem}
</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;
}

function loginPage(uid, { login = '', failed = false } = {}) {
  return page(
    'VNeID (mô phỏng) — Đăng nhập',
    `<h1>VNeID (mô phỏng) — Đăng nhập / Sign in</h1>
<p class="note">Máy chủ định danh mô phỏng dùng cho phát triển và kiểm thử. / Simulated identity provider for development and testing.</p>
${failed ? '<p class="error" role="alert">Số định danh hoặc mật khẩu không đúng. / Wrong ID or password.</p>' : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
<label for="login">Số định danh cá nhân (CCCD) / Personal ID</label>
<input id="login" type="text" name="login" autocomplete="username" required value="${esc(login)}">
<label for="password">Mật khẩu / Password</label>
<input id="password" type="password" name="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập / Sign in</button>
</form>`,
  );
}

function sendHtml(res, status, html) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // No scripts at all; the only inline thing is the <style> block.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  });
  res.end(html);
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 16 * 1024) {
        reject(new Error('form too large'));
        req.destroy();
      }
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res); // bound to this browser by cookie
  if (details.uid !== uid) {
    throw new Error('interaction mismatch');
  }
  if (details.prompt.name === 'consent') {
    // Only reached with an explicit prompt=consent; loadExistingGrant already grants everything.
    return provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
  }
  if (req.method === 'GET' && !action) {
    return sendHtml(res, 200, loginPage(uid));
  }
  if (req.method === 'POST' && action === '/login') {
    const form = await readForm(req);
    const account = byLogin.get(normalizeLogin(form.get('login')));
    const passwordOk = crypto.timingSafeEqual(digest(form.get('password') ?? ''), passwordDigest);
    if (!account || !passwordOk) {
      // Same answer for unknown ID and wrong password: no account enumeration.
      return sendHtml(res, 200, loginPage(uid, { login: String(form.get('login') ?? '').trim(), failed: true }));
    }
    return provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
  }
  res.writeHead(405, { allow: 'GET, POST' }).end();
}

// --- HTTP -------------------------------------------------------------------------------------
const oidc = provider.callback();
const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url, issuer);
  if (pathname === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    return res.end('ok');
  }
  const m = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(pathname);
  if (m) {
    return interaction(req, res, m[1], m[2]).catch((err) => {
      console.error(`identity: interaction failed: ${err.name}`); // never the form contents
      // Typically an expired or unknown interaction (or cookies blocked): start over from the app.
      if (!res.headersSent) {
        sendHtml(
          res,
          400,
          page(
            'VNeID (mô phỏng) — Phiên hết hạn',
            '<h1>Phiên đăng nhập đã hết hạn. / Your sign-in session expired.</h1><p>Hãy quay lại ứng dụng và thử lại. / Go back to the app and try again.</p>',
          ),
        );
      }
    });
  }
  return oidc(req, res);
});

server.on('error', (err) => {
  console.error(`identity: cannot listen on port ${args.port}: ${err.code ?? err.message}`);
  process.exit(1);
});
server.listen(Number(args.port), new URL(issuer).hostname.replace(/^\[|\]$/g, ''), () => {
  console.log(`identity ready ${issuer}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}

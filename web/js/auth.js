/*
 * Sign-in: the local runtime's dev tokens (POST /dev/token) or Cognito's Hosted UI (authorization code + PKCE).
 * The ID token (and Cognito's refresh token) live in sessionStorage only, so they are gone when the tab closes.
 */
import { config } from "./settings.js";
import { t } from "./i18n.js";

const TOKEN_KEY = "knowledgebot.idToken";
const REFRESH_KEY = "knowledgebot.refreshToken";
const PKCE_KEY = "knowledgebot.pkce";
/** A token this close to its expiry is treated as expired, so it never lapses during a handshake. */
const EXPIRY_MARGIN_MS = 30000;

function claimsOf(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload));
  } catch (e) {
    return null;
  }
}

function jwtExpiry(token) {
  const claims = claimsOf(token);
  return claims && typeof claims.exp === "number" ? claims.exp * 1000 : null;
}

/** The name to show for the signed-in user. */
export function jwtName(token) {
  const claims = claimsOf(token);
  return claims ? claims["cognito:username"] || claims.email || claims.sub || "" : "";
}

/** The stored ID token, or null when there is none or it expires within the margin (it is then dropped). */
export function storedToken() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    return null;
  }
  const expiry = jwtExpiry(token);
  if (expiry !== null && expiry <= Date.now() + EXPIRY_MARGIN_MS) {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
  return token;
}

export function storeToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** Forgets the ID token; with everything, also the refresh token (sign-out, or a refresh that was refused). */
export function forgetToken(everything) {
  sessionStorage.removeItem(TOKEN_KEY);
  if (everything) {
    sessionStorage.removeItem(REFRESH_KEY);
  }
}

/**
 * A new ID token from Cognito's token endpoint for the refresh token the code flow returned (null when there
 * is none or Cognito refuses it, e.g. the user was disabled; the refresh token is then forgotten).
 */
export async function refreshedToken() {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (config.auth.mode !== "cognito" || !refreshToken) {
    return null;
  }
  try {
    const response = await fetch(config.auth.cognitoDomain + "/oauth2/token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", client_id: config.auth.clientId, refresh_token: refreshToken })
        .toString(),
    });
    const tokens = response.ok ? await response.json() : {};
    if (typeof tokens.id_token === "string") {
      storeToken(tokens.id_token);
      return tokens.id_token;
    }
  } catch (e) {
    // Cognito unreachable: the user signs in again, which says what went wrong if it still fails.
  }
  forgetToken(true);
  return null;
}

/** The stored ID token while it is valid, else a refreshed one, else null (the user must sign in). */
export async function freshToken() {
  return storedToken() || refreshedToken();
}

function base64Url(bytes) {
  let binary = "";
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function startCognitoSignIn() {
  const auth = config.auth;
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64Url(new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  const stateValue = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier: verifier, state: stateValue }));
  const query = new URLSearchParams({
    response_type: "code",
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: auth.scopes,
    state: stateValue,
    code_challenge_method: "S256",
    code_challenge: challenge,
  });
  location.assign(auth.cognitoDomain + "/oauth2/authorize?" + query.toString());
}

/** Finishes a Hosted UI redirect (?code=…&state=…); returns the ID token or null when there is none. */
export async function completeCognitoSignIn() {
  const params = new URLSearchParams(location.search);
  const code = params.get("code");
  if (!code && !params.get("error")) {
    return null;
  }
  history.replaceState(null, "", location.pathname);
  if (!code) {
    throw new Error(t("signIn.notCompleted", { reason: params.get("error") }));
  }
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || "null");
  sessionStorage.removeItem(PKCE_KEY);
  if (!saved || saved.state !== params.get("state")) {
    throw new Error(t("signIn.stateMismatch"));
  }
  const response = await fetch(config.auth.cognitoDomain + "/oauth2/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: config.auth.clientId,
      code: code,
      redirect_uri: config.auth.redirectUri,
      code_verifier: saved.verifier,
    }).toString(),
  });
  if (!response.ok) {
    throw new Error(t("signIn.retry", { status: response.status }));
  }
  const tokens = await response.json();
  if (!tokens.id_token) {
    throw new Error(t("signIn.noIdToken"));
  }
  if (typeof tokens.refresh_token === "string") {
    sessionStorage.setItem(REFRESH_KEY, tokens.refresh_token);
  }
  return tokens.id_token;
}

export async function signInLocally(username) {
  const response = await fetch(config.auth.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: username }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || typeof body.idToken !== "string") {
    const reason = typeof body.error === "string" ? body.error : body.message;
    throw new Error(typeof reason === "string" ? reason : t("signIn.failedStatus", { status: response.status }));
  }
  return body.idToken;
}

/** Sends the browser to Cognito's logout, which comes back to the page signed out. */
export function cognitoSignOut() {
  const query = new URLSearchParams({ client_id: config.auth.clientId, logout_uri: config.auth.redirectUri });
  location.assign(config.auth.cognitoDomain + "/logout?" + query.toString());
}

/**
 * Security middleware for a server meant for one person on one machine: strict headers on every response,
 * no cross-site writes, and no answers to foreign Host names (DNS rebinding).
 */
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors.ts';

/**
 * The page's Content-Security-Policy: scripts and styles only from this server (no inline code, no eval),
 * data only from its own API, no frames, no plugins. Source text is untrusted; this is the second wall
 * behind the page's textContent-only DOM building.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Adds CSP and friends to every response; no CORS headers are ever sent, so other origins cannot read. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
};

/**
 * Refuses writes that a browser says come from another site. A multipart POST needs no CORS preflight,
 * so without this any web page could upload into the library. Clients that send neither header (curl,
 * scripts) are not browsers acting for a third party and are let through.
 */
export const sameOriginWrites: MiddlewareHandler = async (c, next) => {
  if (!/^(GET|HEAD|OPTIONS)$/.test(c.req.method)) {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    const foreignOrigin = origin !== undefined && origin !== new URL(c.req.url).origin;
    if (crossSite || foreignOrigin)
      throw new HttpError(403, 'FORBIDDEN', 'cross-site requests are refused; use the page this server serves');
  }
  await next();
};

/** Hostnames a loopback-bound server answers to; anything else is a rebinding attempt or a mistake. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]', '::1'];

/** Refuses requests whose Host header names another host (skipped when `allowed` is undefined). */
export function allowedHosts(allowed: readonly string[] | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (allowed) {
      const host = (c.req.header('host') ?? new URL(c.req.url).host).replace(/:\d+$/, '').toLowerCase();
      if (!allowed.includes(host))
        throw new HttpError(403, 'FORBIDDEN', `host "${host}" is not served; open http://127.0.0.1 instead`);
    }
    await next();
  };
}

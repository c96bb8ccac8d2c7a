/**
 * The console's CSP, the same in Electron and the browser. Emotion (MUI) injects <style> tags, hence
 * 'unsafe-inline' for styles only; scripts stay 'self' (style.md, Security).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

import helmet from 'helmet';

/**
 * Headers on every response (helmet): nosniff, no framing, no referrer, HSTS for deployments behind
 * TLS, no X-Powered-By. The API answers JSON, so its Content-Security-Policy lets a response load
 * nothing; the GraphiQL page sets its own (graphiqlPage).
 */
export const securityHeaders = () =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    xFrameOptions: { action: 'deny' },
    // The API does not own the domain above it: its subdomains are not its to pin to HTTPS.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  });

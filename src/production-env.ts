/**
 * `npm start` runs the product, so its dependencies take their production paths unless the caller
 * says otherwise: in development graphql-js checks every type test against a second copy of itself,
 * about a fifth of the CPU of a list page. Imported first by main.ts, before any of them loads.
 */
process.env.NODE_ENV ??= 'production';

import { fileURLToPath } from 'node:url';

// This app runs from the repository's own install (no node_modules here), and imports
// `sms-webhooks/fetch` and `sms-webhooks/node` exactly as an application would. Those resolve to
// the repository's built `dist/` through Node's package self-reference: there is no package.json in
// this folder, so the nearest one is the repository's, named `sms-webhooks` with an `exports` map,
// and Turbopack, webpack and TypeScript all follow it like a dependency in node_modules. Unlike an
// alias or tsconfig `paths`, it goes through the same `exports` conditions a published install
// would. Build the package first (`npm run build` at the root).
//
// Turbopack compiles nothing outside its root, so the root is the repository, which holds
// node_modules and dist/; file tracing for `next start` uses the same root.
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  turbopack: { root: repositoryRoot },
  outputFileTracingRoot: repositoryRoot,
};

export default nextConfig;

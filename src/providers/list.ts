// The provider registry: one line per provider, `export { <name>Provider } from './<id>/index.js';`.
// Everything else (ProviderId, SmsEvent, the dispatch, the testing kit, the CLI, the package's
// entry points) is derived from this list; see CONTRIBUTING.md, "Adding a provider".
export { telmetricsProvider } from './telmetrics/index.js';
export { textLinkProvider } from './textlink/index.js';
export { textRequestProvider } from './textrequest/index.js';

// TypeDoc plugin: drops the "X has multiple declarations with a comment" warning when every
// declaration it lists is the same line of the same file.
//
// valibot's inferred object types (`v.InferOutput` of an object schema) intersect several mapped
// types over the same entries, so TypeScript gives each field one symbol whose declarations list
// the same property node more than once. TypeDoc 0.28 counts those as rival comments and warns,
// which `treatWarningsAsErrors` turns into a failure although there is only one comment. Warnings
// that name two different places are passed through unchanged.
import { Converter } from 'typedoc';

const multipleDeclarations = /has multiple declarations with a comment/;
const declaredAt = /^The comments for .+ are declared at:\n((?:\s*\S+:\d+\n?)+)$/;

/** @param {import('typedoc').Application} app */
export function load(app) {
  const { logger } = app;
  const warn = logger.warn.bind(logger);
  const info = logger.info.bind(logger);
  let pending;

  const flush = () => {
    if (pending) warn(...pending);
    pending = undefined;
  };

  logger.warn = (text, ...args) => {
    flush();
    if (multipleDeclarations.test(text)) pending = [text, ...args];
    else warn(text, ...args);
  };
  logger.info = (text) => {
    const locations = pending && declaredAt.exec(text)?.[1]?.trim().split(/\s+/);
    if (locations && new Set(locations).size === 1) {
      pending = undefined;
      return;
    }
    flush();
    info(text);
  };
  app.converter.on(Converter.EVENT_RESOLVE_END, flush);
  app.converter.on(Converter.EVENT_END, flush);
}

import type { RequestHandler } from 'express';
import express4 from 'express4';
import { describe, expectTypeOf, it } from 'vitest';
import { createNodeHandler } from '../../src/adapters/node/index.js';

describe('createNodeHandler with Express types', () => {
  it('is an Express request handler', () => {
    expectTypeOf(createNodeHandler({ onEvent() {} })).toExtend<RequestHandler>();
  });

  it('mounts on Express 4 routes', () => {
    const app = express4();
    app.post('/hooks', createNodeHandler({ onEvent() {} }));
    expectTypeOf(app.use).toBeFunction();
  });
});

import express from 'express';
import { describeExpressHost } from '../support/express-host-suite.js';

describeExpressHost('Express 5', express);

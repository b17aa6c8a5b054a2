import { defineSuite } from '../suite.js';

defineSuite('mock');

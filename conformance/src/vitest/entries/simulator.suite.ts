import { defineSuite } from '../suite.js';

defineSuite('simulator');

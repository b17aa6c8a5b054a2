import { defineSuite } from '../suite.js';

defineSuite('live');

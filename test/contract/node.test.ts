import { describeContract } from './suite.js';
import { testApp } from '../helpers/corpus.js';

const app = testApp();
describeContract('node', () => (path, init) => Promise.resolve(app.request(path, init)));

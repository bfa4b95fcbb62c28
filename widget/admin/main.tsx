// The staff console's entry (widget/admin/index.html loads it): mounts the console into #app. A separate program
// from widget.js: it talks to the server only over HTTP and imports only types from server/contract.ts.
import { render } from 'preact';
import './admin.css';
import { ConsoleApp } from './App.js';
import { sessionStore } from './session.js';

const root = document.getElementById('app');
if (root) render(<ConsoleApp store={sessionStore()} />, root);

// The panel's script (`widget-app.js`): the loader (embed.ts) adds it on the citizen's first move towards the robot;
// it only hands mountWidget to the loader. A thin shell over the importable core (mount.tsx).
import { mountWidget } from './mount.js';

declare global {
  interface Window {
    QAWidgetApp?: typeof mountWidget;
  }
}

window.QAWidgetApp = mountWidget;

// Owns the widget's CSS (adopted into its shadow root as constructed stylesheets, never added to the host page) and
// the theme derived from data-color; imports only the colour helpers and config types.
import { readableOnSurface, readableTextOn } from './color.js';
import type { WidgetConfig } from './config.js';

/**
 * The widget's stylesheet.
 *
 * @remarks `:host { all: initial !important }` cuts inheritance from the host page (font, colour, line height,
 * letter spacing…), and because an `!important` rule from inside a shadow tree beats one from the page, a page rule
 * such as `div { display: none !important }` cannot hide or restyle the host either. Sizes are in `em` of `.root`
 * so the A+ control scales everything; touch targets stay at least 44 CSS px in either size.
 */
export const WIDGET_CSS = `
:host{all:initial!important}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.root{font:17px/1.6 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC",system-ui,sans-serif;color:#1a1a1a;text-align:left;-webkit-text-size-adjust:100%;text-size-adjust:100%}
.large{font-size:21px}
button,textarea,input{font:inherit;color:inherit;margin:0}
button{cursor:pointer;border:2px solid transparent}
:focus-visible{outline:3px solid var(--qa-link);outline-offset:2px}
a{color:var(--qa-link);text-decoration:underline;text-underline-offset:.15em}
ul,ol,p{margin:0;padding:0}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}
.launcher,.panel{position:fixed;z-index:var(--qa-z)}
.launcher{bottom:calc(16px + env(safe-area-inset-bottom,0px));right:calc(16px + env(safe-area-inset-right,0px));display:flex;align-items:center;gap:.4em;min-height:52px;max-width:calc(100vw - 32px);padding:0 1.1em;border-color:var(--qa-edge);border-radius:999px;background:var(--qa-accent);color:var(--qa-on-accent);font-weight:700;box-shadow:0 4px 16px rgba(0,0,0,.3)}
.left .launcher{right:auto;left:calc(16px + env(safe-area-inset-left,0px))}
.launcher svg,.icon svg{width:1.3em;height:1.3em;flex:none}
.panel{bottom:calc(84px + env(safe-area-inset-bottom,0px));right:16px;width:min(25em,calc(100vw - 32px));height:min(38em,calc(100vh - 108px));display:flex;flex-direction:column;background:#fff;border:1px solid #767676;border-radius:12px;box-shadow:0 8px 40px rgba(0,0,0,.35);overflow:hidden}
.left .panel{right:auto;left:16px}
.panel:focus{outline:none}
.head{display:flex;align-items:center;gap:4px;padding:4px 4px 4px 16px;background:var(--qa-accent);color:var(--qa-on-accent)}
.head h2{flex:1;min-width:0;margin:0;font-size:1.1em;line-height:1.3;overflow-wrap:anywhere}
.head :focus-visible{outline-color:currentColor;outline-offset:-5px}
.icon{display:inline-flex;align-items:center;justify-content:center;min-width:44px;min-height:44px;padding:0 8px;border-radius:8px;background:transparent;font-weight:700}
.icon[aria-pressed=true]{border-color:currentColor}
.log{flex:1;overflow-y:auto;overflow-x:hidden;overscroll-behavior:contain;padding:12px;background:#f4f4f4}
.msg{max-width:94%;margin:0 0 12px;padding:10px 14px;border:1px solid #c8c8c8;border-radius:12px;background:#fff;overflow-wrap:anywhere}
.user{width:fit-content;margin-left:auto;border-color:var(--qa-edge);background:var(--qa-accent);color:var(--qa-on-accent)}
.user,.text{white-space:pre-wrap}
mark{background:#ffe680;color:inherit;font-weight:700;border-radius:2px}
.meta{color:#333;font-size:max(16px,.88em)}
.form label{display:block;margin-top:8px}
.form input:not([type=checkbox]),.form textarea,.grow textarea{display:block;width:100%;min-height:44px;margin-top:4px;padding:8px 10px;border:2px solid #767676;border-radius:8px;font:inherit}
.form .check{display:flex;gap:8px;align-items:flex-start}
.check input{width:22px;height:22px;flex:none;margin-top:2px}
.grow{flex:1 1 100%}
.code strong{font-family:monospace;font-size:1.2em;letter-spacing:.05em;user-select:all}
.block{margin-top:10px;padding-top:8px;border-top:1px solid #ddd;font-size:.92em}
.block li{margin:6px 0 0 1.3em}
.cite>*{display:block}
.chips{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px;list-style:none}
.chips li{margin:0}
.chip,.vote{min-height:44px;padding:6px 14px;border-color:var(--qa-link);border-radius:22px;background:#fff;color:var(--qa-link);text-align:left;line-height:1.4}
.chip:hover,.vote:hover{background:#f0f0f0}
.feedback{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-top:10px;font-size:.92em}
.vote{border-radius:8px}
.vote[aria-pressed=true]{background:var(--qa-accent);color:var(--qa-on-accent);border-color:var(--qa-edge)}
.error{border-color:#b3261e;background:#fff4f3;color:#8c1d18}
.error .chip{margin-top:8px;border-color:#8c1d18;color:#8c1d18}
.typing{color:#545454}
.dot{display:inline-block;width:.45em;height:.45em;margin-left:.3em;border-radius:50%;background:currentColor;animation:qa-blink 1.2s infinite}
.dot:nth-of-type(2){animation-delay:.2s}
.dot:nth-of-type(3){animation-delay:.4s}
@keyframes qa-blink{0%,80%,100%{opacity:.2}40%{opacity:1}}
.composer{position:relative;display:flex;align-items:flex-end;gap:8px;padding:8px 12px;border-top:1px solid #c8c8c8;background:#fff}
textarea{flex:1;min-width:0;min-height:52px;max-height:7em;resize:none;padding:10px 12px;border:2px solid #767676;border-radius:8px;background:#fff;line-height:1.4}
textarea::placeholder{color:#6b6b6b}
.send{min-height:52px;min-width:64px;padding:0 16px;border-color:var(--qa-edge);border-radius:8px;background:var(--qa-accent);color:var(--qa-on-accent);font-weight:700}
.listbox{position:absolute;left:12px;right:12px;bottom:100%;max-height:15em;overflow-y:auto;margin-bottom:4px;padding:4px;list-style:none;background:#fff;border:1px solid #767676;border-radius:8px;box-shadow:0 -4px 16px rgba(0,0,0,.2)}
.option{display:flex;align-items:center;min-height:44px;padding:8px 12px;border-radius:6px;cursor:pointer}
.option:hover{background:#f0f0f0}
.option[aria-selected=true]{background:var(--qa-accent);color:var(--qa-on-accent)}
@media (max-width:768px){
.panel,.left .panel{inset:0;width:auto;height:auto;border:0;border-radius:0;padding:env(safe-area-inset-top,0px) env(safe-area-inset-right,0px) env(safe-area-inset-bottom,0px) env(safe-area-inset-left,0px)}
.msg{max-width:100%}
}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
`;

/**
 * The theme of one embed: the data-color as the fill of buttons and the citizen's messages, with black or white
 * text on it (whichever contrasts more), and a darkened variant where the colour is used as text or an edge on
 * white or light grey (hover), so any colour a webmaster picks meets WCAG AA.
 */
export function themeCss(config: Pick<WidgetConfig, 'color' | 'zIndex'>): string {
  return (
    `.root{--qa-accent:${config.color};--qa-on-accent:${readableTextOn(config.color)};` +
    `--qa-link:${readableOnSurface(config.color, '#f0f0f0')};--qa-edge:${readableOnSurface(config.color, '#ffffff', 3)};--qa-z:${config.zIndex}}`
  );
}

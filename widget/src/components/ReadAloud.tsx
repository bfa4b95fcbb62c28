// Owns the 朗读 (read aloud) control of an answer: the browser's speech synthesis with a Chinese voice, a toggle
// button a keyboard and a screen reader reach like any other; imports preact and the strings only.
import { useEffect, useState } from 'preact/hooks';
import { STRINGS } from '../strings.zh-CN.js';

/** The first Chinese voice the browser offers, or null (the control is then not shown). */
export function findChineseVoice(): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  return speechSynthesis.getVoices().find((v) => /^(zh|cmn)\b/i.test(v.lang)) ?? null;
}

/** The Chinese voice, updated when the browser finishes loading its voices (Chromium loads them late). */
export function useChineseVoice(): SpeechSynthesisVoice | null {
  const [voice, setVoice] = useState(findChineseVoice);
  useEffect(() => {
    if (typeof speechSynthesis === 'undefined') return;
    const update = () => setVoice(findChineseVoice());
    speechSynthesis.addEventListener?.('voiceschanged', update);
    return () => speechSynthesis.removeEventListener?.('voiceschanged', update);
  }, []);
  return voice;
}

/**
 * A toggle that reads `text` aloud in the Chinese voice, and stops it (also when the answer leaves the screen);
 * nothing without such a voice.
 */
export function ReadAloud({ text }: { text: string }) {
  const voice = useChineseVoice();
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => () => void (speaking && speechSynthesis.cancel()), [speaking]);
  if (!voice) return null;
  const toggle = () => {
    speechSynthesis.cancel();
    if (speaking) return setSpeaking(false);
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.onend = utterance.onerror = () => setSpeaking(false);
    speechSynthesis.speak(utterance);
    setSpeaking(true);
  };
  return (
    <button type="button" class="vote" aria-pressed={speaking} onClick={toggle}>
      {speaking ? STRINGS.stopReading : STRINGS.readAloud}
    </button>
  );
}

import type { TVerdictTone } from "./verdict-view.ts";

// Sound and vibration for a verdict, so staff need not look: one high beep for valid, a double
// middle beep for a warning, a long low buzz for a refusal. WebAudio (no audio files to cache).

let audio: AudioContext | null = null;

function beep(context: AudioContext, frequency: number, start: number, duration: number) {
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = "square";
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.15, context.currentTime + start);
  gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + start + duration);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(context.currentTime + start);
  oscillator.stop(context.currentTime + start + duration);
}

/** Plays the verdict's sound and vibration; never throws (no audio device, no vibration motor). */
export function playVerdictFeedback(tone: TVerdictTone): void {
  try {
    if (typeof navigator.vibrate === "function") navigator.vibrate(tone === "ok" ? 80 : tone === "warn" ? [80, 60, 80] : [300]);
    audio ??= new AudioContext();
    if (audio.state === "suspended") void audio.resume();
    if (tone === "ok") beep(audio, 1320, 0, 0.12);
    else if (tone === "warn") {
      beep(audio, 660, 0, 0.1);
      beep(audio, 660, 0.16, 0.1);
    } else beep(audio, 220, 0, 0.4);
  } catch {
    // Feedback is a nicety: the screen says it all.
  }
}

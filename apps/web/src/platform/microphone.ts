/** Whether this browser can record audio from a microphone (getUserMedia + MediaRecorder). */
export function canRecordAudio(): boolean {
  return !!navigator.mediaDevices?.getUserMedia && typeof MediaRecorder !== 'undefined';
}

/**
 * Opens the microphone (the browser asks the person first). Rejects with the browser's
 * DOMException: NotAllowedError when refused, NotFoundError without a microphone.
 */
export function openMicrophone(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
}

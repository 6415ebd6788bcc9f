// Uploads a voice-style JSON (the format of the model's voice_styles/) and previews it: the voice is
// added to the picker, selected and synthesized with the current text.
import { uploadVoice } from './api.js';

const $ = (id) => document.getElementById(id);
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * @param reloadVoices async () => void, refills the voice picker from the server
 * @param preview (id) => void, selects the voice and synthesizes with it
 */
export function initVoiceUpload(reloadVoices, preview) {
  const idInput = $('voice-upload-id');
  const fileInput = $('voice-upload-file');
  const status = $('voice-upload-status');
  const say = (text, isError = false) => {
    status.textContent = text;
    status.classList.toggle('error-text', isError);
  };
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file && !idInput.value) idInput.value = file.name.replace(/\.json$/i, '').replace(/[^A-Za-z0-9_-]/g, '-');
  });
  $('voice-upload-go').addEventListener('click', async () => {
    const id = idInput.value.trim();
    const file = fileInput.files?.[0];
    if (!file) return say('choose a voice style .json file', true);
    if (!ID.test(id)) return say('id: letters, digits, - and _ (up to 64)', true);
    say('uploading…');
    try {
      await uploadVoice(id, await file.text());
      await reloadVoices();
      say(`voice ${id} added`);
      preview(id);
    } catch (e) {
      say(e.message, true);
    }
  });
}

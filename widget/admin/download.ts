// Owns saving a file the staff API sent (an export needs the bearer token, so a plain link cannot fetch it): an
// object URL on a temporary <a download>. Imports nothing.

/** Saves `blob` as `fileName` through the browser's download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

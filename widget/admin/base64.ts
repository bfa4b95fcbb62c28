// Owns turning an uploaded file's bytes into base64 for the reports API: bytes only, never decoded as text (a GBK
// page must reach the server byte for byte). Imports nothing.

/** Bytes per String.fromCharCode call: well under every engine's argument limit. */
const CHUNK = 0x8000;

/**
 * Encodes bytes as standard base64 (RFC 4648, with padding), as `AdminReportFile.content` expects.
 *
 * @remarks `btoa` takes a "binary string" (one char per byte, 0–255); building it in chunks keeps a 5 MiB file from
 * overflowing the call stack, and never goes through TextDecoder, which would corrupt GBK bytes.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Reads a chosen file as base64 (its bytes, whatever its encoding). */
export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** Offers bytes fetched with the session's token as a file download, then frees them. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns: free it a little later.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

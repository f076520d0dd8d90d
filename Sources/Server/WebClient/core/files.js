// Files of messages: getFile gives a path, the file route serves it. Downloads go through
// fetch into blob URLs, so the token never appears in the page's markup.

const cache = new Map();

export class Files {
  constructor(api, token) {
    this.api = api;
    this.token = token;
  }

  /** A blob URL for `fileId`, fetched once per file. */
  url(fileId) {
    if (!cache.has(fileId)) {
      const promise = (async () => {
        const file = await this.api.call('getFile', { file_id: fileId });
        const response = await fetch(`/file/user${this.token}/${file.file_path}`);
        if (!response.ok) throw new Error(`download failed: ${response.status}`);
        return URL.createObjectURL(await response.blob());
      })();
      promise.catch(() => cache.delete(fileId));
      cache.set(fileId, promise);
    }
    return cache.get(fileId);
  }
}

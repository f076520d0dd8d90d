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

  /**
   * A blob URL for the image of inline result `resultId` of the answer `queryId`: the server
   * fetches the bot's http(s) URL (`GET /user<token>/inlineThumbnail`), since this page loads
   * images only from its own server (docs/user-api-extensions.md).
   */
  inlineThumbnail(queryId, resultId) {
    const key = `inline:${queryId}:${resultId}`;
    if (!cache.has(key)) {
      const query = new URLSearchParams({ query_id: queryId, result_id: resultId });
      const promise = (async () => {
        const response = await fetch(`/user${this.token}/inlineThumbnail?${query}`);
        if (!response.ok) throw new Error(`thumbnail failed: ${response.status}`);
        return URL.createObjectURL(await response.blob());
      })();
      promise.catch(() => cache.delete(key));
      cache.set(key, promise);
    }
    return cache.get(key);
  }
}

// Calls on the user and admin surfaces, exactly as any client makes them: POST
// /user<token>/<method> with JSON (or multipart when files are attached), the Bot API
// envelope unwrapped. Every call has a deadline, so a slow bot never blocks the page.

export class ApiError extends Error {
  constructor(code, description, parameters) {
    super(description);
    this.code = code;
    this.description = description;
    this.parameters = parameters;
  }
}

export class Api {
  /** @param {string} prefix e.g. "user123:abc" or "admin<token>" */
  constructor(prefix) {
    this.prefix = prefix;
  }

  /**
   * Calls `method`. `params` values that are objects or arrays are sent as JSON; File/Blob
   * values make it a multipart upload.
   */
  async call(method, params = {}, { timeout = 20000 } = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    const hasFile = Object.values(params).some((value) => value instanceof Blob);
    let body, headers = {};
    if (hasFile) {
      body = new FormData();
      for (const [name, value] of Object.entries(params)) {
        if (value === undefined || value === null) continue;
        if (value instanceof File) body.append(name, value, value.name);
        else if (value instanceof Blob) body.append(name, value, name);
        else body.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
      }
    } else {
      body = JSON.stringify(Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && value !== null)));
      headers['Content-Type'] = 'application/json';
    }
    try {
      const response = await fetch(`/${this.prefix}/${method}`, { method: 'POST', body, headers, signal: controller.signal });
      let envelope;
      try { envelope = await response.json(); } catch { throw new ApiError(response.status, `${response.status} ${response.statusText}`); }
      if (!envelope.ok) throw new ApiError(envelope.error_code, envelope.description, envelope.parameters);
      return envelope.result;
    } catch (error) {
      if (error.name === 'AbortError') throw new ApiError(0, 'The server did not answer in time');
      if (error instanceof ApiError) throw error;
      throw new ApiError(0, 'The server is unreachable');
    } finally {
      clearTimeout(timer);
    }
  }
}

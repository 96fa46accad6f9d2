/** `fn` with what `open` opened (a receiver, a server), closed after it however it ends. */
export async function closing<T extends { close(): unknown }, R>(open: Promise<T>, fn: (opened: T) => Promise<R>): Promise<R> {
  const opened = await open;
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

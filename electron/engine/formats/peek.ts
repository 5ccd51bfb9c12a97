/** The first `wanted` units of a stream (bytes or characters), joined, and a stream that still starts at the first. */
async function peekJoined<T extends { length: number }>(
  input: AsyncIterable<T>,
  wanted: number,
  join: (taken: T[]) => T,
): Promise<{ head: T; stream: AsyncIterable<T> }> {
  const iterator = input[Symbol.asyncIterator]();
  const taken: T[] = [];
  let size = 0;
  let done = false;
  while (size < wanted) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    taken.push(next.value);
    size += next.value.length;
  }
  const head = join(taken);
  async function* rest(): AsyncGenerator<T> {
    if (head.length) yield head;
    if (done) return;
    while (true) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, stream: rest() };
}

/** Reads the first bytes of a stream for detection, then gives back a stream that still starts at byte 0. */
export function peek(input: AsyncIterable<Buffer>, wanted: number): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  return peekJoined(input, wanted, (taken) => Buffer.concat(taken));
}

/** The same for decoded text: its first `wanted` characters, and the whole text again. */
export function peekText(input: AsyncIterable<string>, wanted: number): Promise<{ head: string; stream: AsyncIterable<string> }> {
  return peekJoined(input, wanted, (taken) => taken.join(''));
}

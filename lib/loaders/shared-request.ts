/**
 * One request for two steps that ask the server the same thing (System and Disks both list a
 * node's storages for VM images). A request one step made serves the other step once; the step
 * that made it asking again (a retry) sends a new one, and a failed request serves nobody.
 */
export interface SharedRequests<T> {
  get(key: string, by: string, send: () => Promise<T>): Promise<T>;
}

export function sharedRequests<T>(): SharedRequests<T> {
  const made = new Map<string, { by: string; answer: Promise<T> }>();
  return {
    get(key, by, send) {
      const entry = made.get(key);
      if (entry && entry.by !== by) {
        made.delete(key);
        return entry.answer;
      }
      const answer = send();
      const mine = { by, answer };
      made.set(key, mine);
      answer.catch(() => {
        if (made.get(key) === mine) made.delete(key);
      });
      return answer;
    },
  };
}

/** One turn of the event loop: input that arrived meanwhile is read and handled first. */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

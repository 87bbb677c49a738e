/** The current instant. Services take one so tests (and the demo seed) can move time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

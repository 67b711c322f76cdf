/** What a subscription's resolver may do to the socket it runs on. */
export interface LiveSocket {
  close(code: number, reason: string): void;
}

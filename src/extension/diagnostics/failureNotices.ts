/**
 * "One notice per failure streak" (the online check's requests; analyses with failing rules or
 * files, whose notice shows once until an analysis succeeds again) for requests that can overlap: each request takes a ticket when
 * it starts, and only the newest ticket's outcome counts. An older request that settles after a
 * newer one started neither shows the notice nor ends the streak.
 */
export class FailureNotices {
  private newest = 0;
  private notified = false;

  /** A new request starts; pass the returned ticket to `succeeded` or `failed`. */
  start(): number {
    return ++this.newest;
  }

  succeeded(ticket: number): void {
    if (ticket === this.newest) this.notified = false;
  }

  /** True when this failure should show the notice: the newest request, first failure of its streak. */
  failed(ticket: number): boolean {
    if (ticket !== this.newest || this.notified) return false;
    this.notified = true;
    return true;
  }
}

import * as assert from 'node:assert/strict';
import { FailureNotices } from '../../../src/extension/diagnostics/failureNotices';

describe('online check failure notices (one per streak, newest request only)', () => {
  it('notifies on the first failure of a streak only, and again after a success', () => {
    const notices = new FailureNotices();
    assert.equal(notices.failed(notices.start()), true);
    assert.equal(notices.failed(notices.start()), false, 'same streak');
    notices.succeeded(notices.start());
    assert.equal(notices.failed(notices.start()), true, 'a success ends the streak');
  });

  it('ignores a failure of a request that a newer one superseded', () => {
    const notices = new FailureNotices();
    const old = notices.start();
    const newer = notices.start();
    assert.equal(notices.failed(old), false, 'the stale failure shows nothing');
    assert.equal(notices.failed(newer), true, 'the newest failure still opens the streak');
  });

  it('does not let a stale success end the current streak', () => {
    const notices = new FailureNotices();
    const old = notices.start();
    assert.equal(notices.failed(notices.start()), true);
    notices.succeeded(old);
    assert.equal(notices.failed(notices.start()), false, 'still the same streak');
  });

  it('does not let a stale failure swallow the notice of the newer request', () => {
    const notices = new FailureNotices();
    notices.succeeded(notices.start());
    const old = notices.start();
    const newer = notices.start();
    notices.failed(old);
    assert.equal(notices.failed(newer), true);
  });
});

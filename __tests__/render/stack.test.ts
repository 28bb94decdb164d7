import { describe, expect, it } from '@jest/globals';
import { trimStack } from '../../src/render/stack.js';

describe('trimStack', () => {
  it('jest: keeps the message and the user frames, cuts jest-circus and node internals, and counts them', () => {
    const details = [
      'TypeError: invalid amount: "1,234.50"',
      '    at parseAmount (/w/src/money.js:9:11)',
      '    at Object.parseAmount (/w/test/money.test.js:13:12)',
      '    at Promise.then.completed (/w/node_modules/jest-circus/build/utils.js:298:28)',
      '    at new Promise (<anonymous>)',
      '    at runTest (/w/node_modules/jest-runner/build/runTest.js:444:34)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ].join('\n');
    expect(trimStack(details)).toEqual({
      text: ['TypeError: invalid amount: "1,234.50"', '    at parseAmount (/w/src/money.js:9:11)', '    at Object.parseAmount (/w/test/money.test.js:13:12)', '… 4 frames of dependencies and the runtime cut'].join('\n'),
      cut: 4,
    });
  });

  it('Python: a frame in site-packages goes with its source line', () => {
    const details = ['Traceback (most recent call last):', '  File "/usr/lib/python3/site-packages/pluggy/_callers.py", line 39, in _multicall', '    res = hook_impl.function(*args)', '  File "tests/test_cart.py", line 12, in test_total', '    assert total(cart) == 4', 'AssertionError'].join('\n');
    expect(trimStack(details).text).toBe(['Traceback (most recent call last):', '  File "tests/test_cart.py", line 12, in test_total', '    assert total(cart) == 4', 'AssertionError', '… 1 frame of dependencies and the runtime cut'].join('\n'));
  });

  it('Go: a runtime frame goes with its function line', () => {
    const details = ['panic: boom', 'goroutine 7 [running]:', 'shop/cart.Total(...)', '\t/src/cart/cart.go:12 +0x1d', 'testing.tRunner(0xc000102000, 0x5a1b28)', '\t/usr/local/go/src/testing/testing.go:1595 +0xff'].join('\n');
    expect(trimStack(details).text).toBe(['panic: boom', 'goroutine 7 [running]:', 'shop/cart.Total(...)', '\t/src/cart/cart.go:12 +0x1d', '… 1 frame of dependencies and the runtime cut'].join('\n'));
  });

  it('Java: JUnit and reflection frames are cut', () => {
    const details = ['org.opentest4j.AssertionFailedError: expected: <4> but was: <3>', '\tat org.junit.jupiter.api.AssertionUtils.fail(AssertionUtils.java:55)', '\tat shop.CartTest.total(CartTest.java:12)', '\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)'].join('\n');
    expect(trimStack(details)).toMatchObject({ cut: 2 });
    expect(trimStack(details).text).toContain('shop.CartTest.total(CartTest.java:12)');
  });

  it('leaves text that is no stack as it is, a message naming node_modules included', () => {
    const text = 'Cannot find module "x" in node_modules/x\n- Expected\n+ Received';
    expect(trimStack(text)).toEqual({ text, cut: 0 });
  });
});

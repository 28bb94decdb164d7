import { describe, expect, it } from '@jest/globals';
import { javaFrame, sourcePathOf } from '../../src/text/java-frames.js';

/* Frames as JUnit 4 on JDK 17 prints them (__tests__/fixtures/real/ant/out). */

describe('javaFrame', () => {
  it('passes over the JDK and JUnit, module prefixes included, to the test class', () => {
    const trace = [
      'org.junit.runners.model.TestTimedOutException: test timed out after 200 milliseconds',
      '\tat java.base@17.0.15/java.lang.Thread.sleep(Native Method)',
      '\tat app//com.acme.PricingTest.slowQuote(PricingTest.java:42)',
      '\tat java.base@17.0.15/java.util.concurrent.FutureTask.run(FutureTask.java:264)',
    ].join('\n');
    expect(javaFrame(trace, 'com.acme.PricingTest')).toEqual({ file: 'com/acme/PricingTest.java', line: 42, className: 'com.acme.PricingTest' });
  });

  it("prefers the test class's frame to the code under test, and falls back to the first of the user's frames", () => {
    const trace = ['java.lang.IllegalStateException: no', '\tat com.acme.Pricing.discounted(Pricing.java:9)', '\tat com.acme.PricingTest.discount(PricingTest.java:17)'].join('\n');
    expect(javaFrame(trace, 'com.acme.PricingTest')?.line).toBe(17);
    expect(javaFrame(trace, 'com.acme.OtherTest')).toEqual({ file: 'com/acme/Pricing.java', line: 9, className: 'com.acme.Pricing' });
    expect(javaFrame('\tat org.junit.Assert.fail(Assert.java:89)\n\tat jdk.internal.reflect.X.invoke(X.java:1)')).toBeUndefined();
  });

  it('names an inner class by its outer source file', () => {
    expect(sourcePathOf('com.acme.PricingTest$Nested', 'PricingTest.java')).toBe('com/acme/PricingTest.java');
    expect(sourcePathOf('Bare', 'Bare.java')).toBe('Bare.java');
    expect(javaFrame('\tat com.acme.PricingTest$Nested.check(PricingTest.java:5)', 'com.acme.PricingTest$Nested')?.file).toBe('com/acme/PricingTest.java');
  });
});

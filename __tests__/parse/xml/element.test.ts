import { describe, expect, it } from '@jest/globals';
import { xmlRootName } from '../../../src/parse/xml/element.js';

describe('root element of a document', () => {
  it('skips declarations, comments and a DOCTYPE with an internal subset', () => {
    expect(xmlRootName('<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE t [\n<!ELEMENT t ANY >\n<!ENTITY x "y">\n]>\n<testsuites name="a">')).toBe('testsuites');
    expect(xmlRootName('<ns:TestRun xmlns:ns="x">')).toBe('TestRun');
    expect(xmlRootName('not xml')).toBeUndefined();
  });
});

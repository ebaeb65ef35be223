/**
 * Which links the window may hand to the user's browser (electron/core/externalLinks.ts); the
 * Electron side (asking the user, opening) is covered by tests/bundle/mainBundle.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { externalLinkDecision, linkHostsOf } from '../../../electron/core/externalLinks';

const hosts = ['suquan.example.org'];

describe('externalLinkDecision', () => {
  it('allows an https address on the allow-list, as the URL parser normalises it', () => {
    expect(externalLinkDecision('https://suquan.example.org/huong-dan?muc=1#a', hosts)).toEqual({ open: true, url: 'https://suquan.example.org/huong-dan?muc=1#a' });
    expect(externalLinkDecision('HTTPS://SuQuan.Example.ORG./', hosts)).toEqual({ open: true, url: 'https://suquan.example.org./' });
    expect(externalLinkDecision('https://suquan.example.org:443/', hosts)).toMatchObject({ open: true });
  });

  it.each([
    ['http://suquan.example.org/', /scheme http:/],
    ['file:///etc/passwd', /scheme file:/],
    ['javascript:alert(1)', /scheme javascript:/],
    ['mailto:ban@suquan.example.org', /scheme mailto:/],
    ['smb://may-chu/chia-se', /scheme smb:/],
    ['ms-msdt:/id PCWDiagnostic', /scheme ms-msdt:/],
    ['suquan-file://page/1', /scheme suquan-file:/],
    ['https://suquan.example.org@evil.example/', /credentials/],
    ['https://user:pw@suquan.example.org/', /credentials/],
    ['https://suquan.example.org:8443/', /port 8443/],
    ['https://evil.example/', /host evil\.example/],
    ['https://suquan.example.org.evil.example/', /not on the allow-list/],
    ['https://tai-lieu.suquan.example.org/', /not on the allow-list/],
    ['https://xn--suqun-6ua.example.org/', /not on the allow-list/],
    ['not a url', /not a URL/],
    ['', /not a URL/],
  ])('refuses %s', (url, reason) => {
    const d = externalLinkDecision(url, hosts);
    expect(d.open).toBe(false);
    if (!d.open) expect(d.reason).toMatch(reason);
  });

  it('refuses everything when the allow-list is empty', () => {
    expect(externalLinkDecision('https://suquan.example.org/', [])).toMatchObject({ open: false });
  });
});

describe('linkHostsOf', () => {
  it('is the host of an https homepage, and nothing otherwise', () => {
    expect(linkHostsOf('https://SuQuan.example.org/gioi-thieu')).toEqual(['suquan.example.org']);
    expect(linkHostsOf('http://suquan.example.org')).toEqual([]);
    expect(linkHostsOf('suquan.example.org')).toEqual([]);
    expect(linkHostsOf(undefined)).toEqual([]);
  });

  it('gives the project’s homepage from package.json', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as { homepage: string };
    expect(linkHostsOf(pkg.homepage)).toEqual([new URL(pkg.homepage).hostname]);
  });
});

import { describe, expect, it } from 'vitest';
import { NodeRequest } from './node-request';

const URL_ = 'http://127.0.0.1:3000/api/execute/notes?x=1';
const BODY = JSON.stringify({ action: 'list', title: 'é' });
/** Node's parse of a request: names in lower case, repeated headers joined (or, for set-cookie, listed). */
const RAW = { host: '127.0.0.1:3000', authorization: 'Bearer abc', 'content-type': 'application/json', accept: 'a, b', 'set-cookie': ['one=1', 'two=2'] };

const node = () => new NodeRequest(URL_, 'POST', { ...RAW }, BODY);
const standard = () => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(RAW)) for (const item of [value].flat()) headers.append(name, item);
  return new Request(URL_, { method: 'POST', headers, body: BODY });
};

describe('NodeRequest', () => {
  it('reads its headers as a standard Request does, whatever the case of the name', () => {
    for (const request of [node(), standard()]) {
      expect(request.headers.get('Authorization')).toBe('Bearer abc');
      expect(request.headers.get('accept')).toBe('a, b');
      expect(request.headers.get('set-cookie')).toBe('one=1, two=2');
      expect(request.headers.get('x-missing')).toBeNull();
      expect(request.headers.has('CONTENT-TYPE')).toBe(true);
      expect(request.headers.has('x-missing')).toBe(false);
      expect(() => request.headers.get('bad name')).toThrow(TypeError);
    }
    expect([...node().headers]).toEqual([...standard().headers]);
    expect(node().headers.getSetCookie()).toEqual(['one=1', 'two=2']);
    const seen: string[] = [];
    node().headers.forEach((value, name) => seen.push(`${name}=${value}`));
    expect(seen).toContain('authorization=Bearer abc');
  });

  it('sees a change to its headers afterwards', () => {
    const request = node();
    request.headers.set('x-added', '1');
    request.headers.delete('authorization');
    expect(request.headers.get('x-added')).toBe('1');
    expect(request.headers.has('authorization')).toBe(false);
  });

  it('gives its body once, as text or JSON, then refuses as a standard Request does', async () => {
    for (const request of [node(), standard()]) {
      expect(request.bodyUsed).toBe(false);
      expect(await request.json()).toEqual({ action: 'list', title: 'é' });
      expect(request.bodyUsed).toBe(true);
      await expect(request.text()).rejects.toThrow(TypeError);
      await expect(request.arrayBuffer()).rejects.toThrow(TypeError);
      expect(() => request.clone()).toThrow(TypeError);
    }
    await expect(new NodeRequest(URL_, 'POST', {}, '{broken').json()).rejects.toThrow(SyntaxError);
  });

  it('answers everything else through a standard Request', async () => {
    expect(new TextDecoder().decode(await node().arrayBuffer())).toBe(BODY);
    expect(await node().blob().then((blob) => blob.text())).toBe(BODY);
    expect(await new Response(node().body).text()).toBe(BODY);
    const clone = node().clone();
    expect(clone).toBeInstanceOf(Request);
    expect(await clone.text()).toBe(BODY);
    const form = await new NodeRequest(URL_, 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1&b=2').formData();
    expect(form.get('b')).toBe('2');
    const request = node();
    expect(request.signal.aborted).toBe(false);
    expect(await request.text()).toBe(BODY);
    for (const [name, value] of [
      ['url', URL_],
      ['method', 'POST'],
      ['cache', 'default'],
      ['credentials', 'same-origin'],
      ['mode', 'cors'],
      ['redirect', 'follow'],
      ['keepalive', false],
    ] as const) {
      expect(request[name]).toBe(standard()[name]);
      expect(request[name]).toBe(value);
    }
  });
});

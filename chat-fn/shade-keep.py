"""Prints the maven-shade include patterns of chat-fn's pom for one AWS SDK service jar.

Kept: every class outside the service's model/ and transform/ packages; of those two, the classes reachable
(by constant-pool reference) from the rest of the service's code, from chat-fn's classes, from the operations
the function calls and from every modeled exception -- but not through the client classes, which name every
operation, nor through the endpoint interceptor (or its EndpointResolverUtils), which picks an operation's parameters by a
switch on its name.
Plus every operation's request class alone, which the JVM loads to verify the client class.

  python3 chat-fn/shade-keep.py ~/.m2/repository/software/amazon/awssdk/s3/2.57.8/s3-2.57.8.jar \
      s3 S3 GetObject chat-fn/target/classes
"""
import zipfile, struct, sys, re, collections

def class_refs(data):
    # parse constant pool; return set of referenced class names (from CONSTANT_Class and descriptors)
    off = 10
    count = struct.unpack('>H', data[8:10])[0]
    utf8 = {}
    classes = []
    descs = []
    i = 1
    while i < count:
        tag = data[off]
        if tag == 1:
            ln = struct.unpack('>H', data[off+1:off+3])[0]
            utf8[i] = data[off+3:off+3+ln].decode('utf-8', 'replace'); off += 3 + ln
        elif tag in (3, 4): off += 5
        elif tag in (5, 6): off += 9; i += 1
        elif tag == 7: classes.append(struct.unpack('>H', data[off+1:off+3])[0]); off += 3
        elif tag == 8: off += 3
        elif tag in (9, 10, 11, 12): off += 5
        elif tag == 15: off += 4
        elif tag == 16: descs.append(struct.unpack('>H', data[off+1:off+3])[0]); off += 3
        elif tag in (17, 18): off += 5
        elif tag in (19, 20): off += 3
        else: raise ValueError(tag)
        i += 1
    refs = set()
    for c in classes:
        n = utf8.get(c, '')
        n = n.lstrip('[')
        if n.startswith('L') and n.endswith(';'): n = n[1:-1]
        refs.add(n)
    # all utf8 strings that look like descriptors / signatures: pick L...; names
    for s in utf8.values():
        for m in re.finditer(r'L([\w/$]+)[;<]', s):
            refs.add(m.group(1))
    return refs

def prefixes(kept, dropped):
    """Class-name patterns for the kept names: Name* unless that matches a dropped name, then the exact class."""
    out = []
    if not any('Exception' in d for d in dropped):
        out.append('*Exception*')
    for k in sorted(kept):
        if 'Exception' in k and '*Exception*' in out:
            continue
        if any(o.endswith('*') and not o.startswith('*') and not o.endswith('$*') and k.startswith(o[:-1]) for o in out):
            continue
        if any(d.startswith(k) for d in dropped):
            out += [k + '.class', k + '$*']
        else:
            out.append(k + '*')
    return out

def emit(svc, base, kept_tops, dropped_tops, names):
    pkgs = sorted({n[len(base):].split('/')[0] for n in names if '/' in n[len(base):]} - {'model', 'transform', 'paginators', 'waiters'})
    lines = [f'{base}*'] + [f'{base}{p}/**' for p in pkgs]
    for pkg in ('model', 'transform'):
        k = [t[len(base) + len(pkg) + 1:] for t in kept_tops if t.startswith(base + pkg + '/')]
        d = [t[len(base) + len(pkg) + 1:] for t in dropped_tops if t.startswith(base + pkg + '/')]
        patterns = prefixes(k, d)
        if pkg == 'model':
            patterns.insert(1, '*Request.class')
        lines += [f'{base}{pkg}/{p}' for p in patterns]
    print(f'<!-- {svc}: {len(lines)} patterns -->')
    for l in lines: print(f'<include>{l}</include>')

def main(jar, svc, clientbase, ops, chatfn_dir):
    z = zipfile.ZipFile(jar)
    base = f'software/amazon/awssdk/services/{svc}/'
    names = {i.filename[:-6]: i.filename for i in z.infolist() if i.filename.endswith('.class')}
    def is_model(n):
        return n.startswith(base + 'model/') or n.startswith(base + 'transform/')
    clients = {base + x for x in [clientbase + 'Client', 'Default' + clientbase + 'Client',
                                   clientbase + 'AsyncClient', 'Default' + clientbase + 'AsyncClient',
                                   'Delegating' + clientbase + 'Client', 'Delegating' + clientbase + 'AsyncClient']}
    clients |= {n.split('$')[0] for n in names if '/internal/crossregion/' in n}
    # picks an operation's endpoint parameters by a switch on the operation name: a cast runs only for its own
    # (the interceptor up to SDK 2.4x, its EndpointResolverUtils since)
    clients |= {n.split('$')[0] for n in names
                if re.search(r'/endpoints/internal/\w+(ResolveEndpointInterceptor|EndpointResolverUtils)', n)}
    roots = set()
    for n in names:
        top = n.split('$')[0]
        if not is_model(n) and top not in clients and not re.search(r'/(paginators|waiters|warmup|presigner|multipart|crt)/|AsyncClient', n):
            roots.add(n)
        if n.startswith(base + 'model/') and re.search(r'Exception(\$|$)', n):
            roots.add(n)
        for op in ops:
            if n.startswith(base + f'model/{op}Request') or n.startswith(base + f'model/{op}Response') \
               or n.startswith(base + f'transform/{op}Request'):
                roots.add(n)
    # chat-fn's own classes
    import os
    for dp, _, fs in os.walk(chatfn_dir):
        for f in fs:
            if f.endswith('.class'):
                for r in class_refs(open(os.path.join(dp, f), 'rb').read()):
                    if r in names and r.split('$')[0] not in clients: roots.add(r)
    seen = set(); stack = list(roots)
    while stack:
        n = stack.pop()
        if n in seen or n not in names: continue
        seen.add(n)
        top = n.split('$')[0]
        if top in clients and n not in roots: continue
        for r in class_refs(z.read(names[n])):
            if r in names and r not in seen and r.startswith(base):
                # inner classes of kept classes are reachable via refs; follow
                if r.split('$')[0] in clients: continue
                stack.append(r)
    # keep all inner classes of kept model top-level classes
    kept_tops = sorted({n.split('$')[0] for n in seen if is_model(n)})
    allmodel = {n.split('$')[0] for n in names if is_model(n)}
    size_all = sum(z.getinfo(names[n]).compress_size for n in names if is_model(n))
    size_kept = sum(z.getinfo(names[n]).compress_size for n in names if is_model(n) and n.split('$')[0] in kept_tops)
    print(f'{svc}: model/transform classes kept {len(kept_tops)} of {len(allmodel)}; {size_kept/1e6:.2f} of {size_all/1e6:.2f} MB', file=sys.stderr)
    emit(svc, base, kept_tops, allmodel - set(kept_tops), names)

if __name__ == '__main__':
    jar, svc, clientbase, ops, chatfn = sys.argv[1:6]
    main(jar, svc, clientbase, ops.split(','), chatfn)

const SVG_NS = 'http://www.w3.org/2000/svg';

type Values = readonly string[];

/**
 * Runs `work` (an html-to-image capture of `root`) with computed styles that say only what matters.
 *
 * Chrome's computed styles have an empty `cssText`, so html-to-image copies all ~360 properties of
 * every element into the picture one by one: seconds per thousand elements, and a 300-service SVG
 * of 70 MB. Meanwhile, the computed style of an element inside `root` gets a `cssText` listing
 * only the properties the copy would not get anyway. A property is left out when its value equals
 * both its parent's (so inheriting gives it) and a plain element's of the same tag in a blank
 * document (so not inheriting gives it too): which properties inherit need not be known.
 */
export async function withCompactStyles<T>(root: Element, work: () => Promise<T>): Promise<T> {
  const real = window.getComputedStyle;
  const blank = document.createElement('iframe');
  blank.setAttribute('aria-hidden', 'true');
  blank.style.cssText = 'position:fixed;left:-10px;top:-10px;width:1px;height:1px;border:0;visibility:hidden';
  document.body.append(blank);
  const blankDoc = blank.contentDocument!;
  const blankWin = blank.contentWindow!;
  let names: readonly string[] | null = null;
  const valuesOf = (style: CSSStyleDeclaration): Values => {
    names ??= Array.from(style);
    return names.map((n) => style.getPropertyValue(n));
  };
  const defaults = new Map<string, Values>();
  const defaultsFor = (el: Element): Values => {
    const key = `${el.namespaceURI} ${el.localName}`;
    let values = defaults.get(key);
    if (!values) {
      const plain = blankDoc.createElementNS(el.namespaceURI, el.localName);
      if (el.namespaceURI === SVG_NS && el.localName !== 'svg') {
        const svg = blankDoc.createElementNS(SVG_NS, 'svg');
        svg.append(plain);
        blankDoc.body.append(svg);
      } else blankDoc.body.append(plain);
      values = valuesOf(blankWin.getComputedStyle(plain));
      defaults.set(key, values);
    }
    return values;
  };
  const computed = new WeakMap<Element, Values>();
  const own = (el: Element): Values => {
    let values = computed.get(el);
    if (!values) {
      values = valuesOf(real.call(window, el));
      computed.set(el, values);
    }
    return values;
  };
  const compact = (el: Element): string => {
    const mine = own(el);
    const parent =
      el !== root && el.parentElement && root.contains(el.parentElement) ? el.parentElement : null;
    // The root has nothing to inherit from in the picture: it says everything.
    const inherited = parent ? own(parent) : null;
    const plain = defaultsFor(el);
    const kept: string[] = [];
    mine.forEach((value, i) => {
      if (inherited && value === inherited[i] && value === plain[i]) return;
      const name = names![i]!;
      // As html-to-image's own copy does: text drawn inside an SVG picture comes out a hair wider,
      // and a label that just fit would wrap.
      if (name === 'font-size' && value.endsWith('px')) value = `${Math.floor(parseFloat(value)) - 0.1}px`;
      kept.push(`${name}: ${value};`);
    });
    // An empty cssText would send html-to-image back to copying every property.
    return kept.length ? kept.join(' ') : `display: ${mine[names!.indexOf('display')]};`;
  };
  window.getComputedStyle = function (el: Element, pseudo?: string | null) {
    const style = real.call(window, el, pseudo);
    if (pseudo || !root.contains(el)) return style;
    return new Proxy(style, {
      get(target, prop) {
        if (prop === 'cssText') return compact(el);
        const v: unknown = Reflect.get(target, prop, target);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  } as typeof window.getComputedStyle;
  try {
    return await work();
  } finally {
    window.getComputedStyle = real;
    blank.remove();
  }
}

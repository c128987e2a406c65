const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

/** An element tree small enough for S3's answers: `[name, children | text]`. */
export type XmlNode = [string, string | number | boolean | XmlNode[]];

function render(node: XmlNode): string {
  const [name, content] = node;
  const inner = Array.isArray(content) ? content.map(render).join('') : escapeXml(String(content));
  return `<${name}>${inner}</${name}>`;
}

export function xmlDocument(root: string, children: XmlNode[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${children.map(render).join('')}</${root}>`
  );
}

export function errorDocument(code: string, message: string, resource: string, requestId: string, extra: Record<string, string> = {}): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error>${render(['Code', code])}${render(['Message', message])}${Object.entries(extra).map(render).join('')}${render(['Resource', resource])}` +
    `${render(['RequestId', requestId])}</Error>`
  );
}

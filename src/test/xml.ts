/** XML as the feed and sitemap tests read it: sax in strict mode (throws on anything not well-formed). */
import sax from "sax";

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  /** The element's own text and CDATA, as written (not trimmed). */
  text: string;
  children: XmlElement[];
}

/** The document's root element, as a small tree. */
export function parseXml(xml: string): XmlElement {
  const parser = sax.parser(true, { trim: false, normalize: false, xmlns: false });
  const root: XmlElement = { name: "#document", attributes: {}, text: "", children: [] };
  const stack = [root];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (node) => {
    const element: XmlElement = {
      name: node.name,
      attributes: node.attributes as Record<string, string>,
      text: "",
      children: [],
    };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (text) => void (stack.at(-1)!.text += text);
  parser.oncdata = (text) => void (stack.at(-1)!.text += text);
  parser.write(xml).close();
  return root.children[0]!;
}

// pdfkit makes a colour's operators afresh every time one is set: it parses the hex, divides
// each part by 255 and prints the three fractions (the printing is most of it). A report sets a
// colour for every line, cell and badge it draws: 0.3-0.4 s of a county's report. Here each
// colour's operators are recorded the first time pdfkit writes them and written again as they
// are: the same bytes.

/** What this file reaches inside pdfkit's document (not in its types). */
interface ColourInternals {
  _setColorCore(color: unknown, stroke: boolean): boolean;
  addContent(operator: string): unknown;
}

/** Makes `doc` write the operators of each hex colour (`#475467`) from a cache. */
export function cacheColourOperators(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as ColourInternals;
  const set = internals._setColorCore.bind(doc);
  const add = internals.addContent.bind(doc);
  const written = new Map<string, string[]>();
  internals._setColorCore = (color, stroke) => {
    // Only hex colours: a named spot colour also adds to the page's resources.
    if (typeof color !== 'string' || !color.startsWith('#')) return set(color, stroke);
    const key = `${stroke ? 'stroke' : 'fill'} ${color}`;
    let operators = written.get(key);
    if (!operators) {
      const recorded: string[] = [];
      internals.addContent = (operator) => recorded.push(operator);
      try {
        if (!set(color, stroke)) return false;
      } finally {
        delete (internals as Partial<ColourInternals>).addContent;
      }
      written.set(key, (operators = recorded));
    }
    for (const operator of operators) add(operator);
    return true;
  };
}

// @tokens-kit/contract/validator (Node): the schema validator, and the bundled document as a file
// (its path, for tools such as Prism, and a reader for any other document). The validator alone,
// without a file read, is @tokens-kit/contract/schema-validator, which browsers can load too.
export * from './schema-validator.js';
export { documentPath, loadDocument, resolvePointer } from './document.js';

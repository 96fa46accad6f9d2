/** The SKU page's address. */
export const skuHref = (code: string) => `/skus/${encodeURIComponent(code)}`;

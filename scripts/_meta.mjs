import { build } from 'esbuild';
const contents = process.argv[2] ?? `import { createProviderFetchHandler } from './src/adapters/fetch/index.ts';
import { textLinkProvider } from './src/providers/textlink/index.ts';
export const handler = createProviderFetchHandler(textLinkProvider, { onEvent() {} });`;
const r = await build({ stdin:{contents, resolveDir: process.cwd(), loader:'ts'}, bundle:true, minify:true, format:'esm', platform:'neutral', target:'es2022', external:['node:*'], alias:{'#hmac':'./src/verify/hmac.ts'}, write:false, metafile:true, logLevel:'silent'});
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs).map(([k,v])=>[k,v.bytesInOutput]).sort((a,b)=>b[1]-a[1]);
let tot=0; for (const [,b] of rows) tot+=b;
console.log('total minified', tot);
const groups = {};
for (const [k,b] of rows){ const key = k.includes('valibot')? 'valibot' : k.split('/').slice(0,3).join('/'); groups[key]=(groups[key]??0)+b;}
for (const [k,b] of Object.entries(groups).sort((a,b)=>b[1]-a[1])) console.log(String(b).padStart(6), k);
console.log('--- files');
for (const [k,b] of rows.slice(0,45)) console.log(String(b).padStart(6), k);

import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PRIVATE_URL_PREFIX as PRIVATE_PREFIX } from '../media-library-guard';

/**
 * Ticket attachments, stored by the upload plugin. Limits are ours: how many, how
 * big, and which types (the declared type must be allowed and the file name must
 * carry one of its extensions, so a file is never served as something else).
 *
 * The local provider writes into the public folder, which Strapi serves to anyone at
 * /uploads/…: an attachment is moved out of it at once (with any image formats the
 * upload plugin made) into a private folder, and its record's URL names that private
 * place, so the only way to it is the download route, which asks the engine first.
 */
const ALLOWED: Record<string, string[]> = {
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'application/pdf': ['.pdf'],
  'text/plain': ['.txt', '.log'],
  'text/csv': ['.csv'],
  'application/json': ['.json'],
  'application/zip': ['.zip'],
  'message/rfc822': ['.eml'],
};

export interface IncomingFile {
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
  filepath: string;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const limits = () => strapi.plugin('client-area').config('attachments') as { maxBytes: number; maxFiles: number; privateDir: string };
  const privateDir = () => path.resolve(strapi.dirs.app.root, limits().privateDir || path.join('private', 'client-area-attachments'));
  const publicPath = (url: string) => path.join(strapi.dirs.static.public, url);

  /** Moves a local file out of the public folder; returns its private URL. */
  const hide = (url: string): string => {
    const name = path.basename(url);
    fs.mkdirSync(privateDir(), { recursive: true });
    fs.renameSync(publicPath(url), path.join(privateDir(), name));
    return `${PRIVATE_PREFIX}${name}`;
  };

  /** Why a file can't be kept (too large, a type we don't take, a name that says another type), or null. */
  const problemOf = (file: IncomingFile): { tooLarge: boolean; message: string } | null => {
    const name = file.originalFilename ?? '';
    if (file.size > limits().maxBytes) return { tooLarge: true, message: `${name} is larger than ${Math.floor(limits().maxBytes / 1024 / 1024)} MB` };
    const type = (file.mimetype ?? '').toLowerCase();
    const extensions = ALLOWED[type];
    if (!extensions) return { tooLarge: false, message: `${name} is of a type we don't take (${type || 'unknown'})` };
    if (!extensions.includes(path.extname(name).toLowerCase())) return { tooLarge: false, message: `${name} does not end in ${extensions.join(' or ')}` };
    return null;
  };

  return {
    /** The files of a multipart request field, checked against the limits; 400/413 otherwise. */
    accept(files: IncomingFile | IncomingFile[] | undefined): IncomingFile[] {
      const list = files ? (Array.isArray(files) ? files : [files]) : [];
      const { maxFiles } = limits();
      if (list.length > maxFiles) throw new errors.ValidationError(`attachments: at most ${maxFiles} files`);
      for (const file of list) {
        const problem = problemOf(file);
        if (problem) throw problem.tooLarge ? new errors.PayloadTooLargeError(`attachments: ${problem.message}`) : new errors.ValidationError(`attachments: ${problem.message}`);
      }
      return list;
    },

    /**
     * The files of an incoming mail (inline images too), under the same limits as the
     * portal's: those within them are stored, the others named with the reason, for the
     * ticket to say what was not kept. A file with no name is named by its type.
     */
    async storeMailFiles(files: Array<{ filename?: string; contentType?: string; content: Buffer }>, { store = true }: { store?: boolean } = {}): Promise<{ ids: number[]; kept: string[]; refused: string[] }> {
      const { maxFiles } = limits();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-area-mail-'));
      try {
        const kept: IncomingFile[] = [];
        const refused: string[] = [];
        files.forEach((file, i) => {
          const type = (file.contentType ?? 'application/octet-stream').toLowerCase();
          const given = path.basename(String(file.filename ?? '')).replace(/[\u0000-\u001f]/g, '').slice(0, 200);
          const name = given || `attachment-${i + 1}${ALLOWED[type]?.[0] ?? ''}`;
          const incoming: IncomingFile = { originalFilename: name, mimetype: type, size: file.content.length, filepath: path.join(dir, `${i}-${crypto.randomBytes(6).toString('hex')}`) };
          const problem = problemOf(incoming);
          if (problem) return void refused.push(problem.message);
          if (kept.length >= maxFiles) return void refused.push(`${name}: more than ${maxFiles} files in one mail`);
          if (store) fs.writeFileSync(incoming.filepath, file.content);
          kept.push(incoming);
        });
        return { ids: store ? await this.store(kept) : [], kept: kept.map((file) => file.originalFilename ?? ''), refused };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },

    /** Stores accepted files with the upload plugin; returns their ids. */
    async store(files: IncomingFile[]): Promise<number[]> {
      if (files.length === 0) return [];
      const stored = await strapi.plugin('upload').service('upload').upload({ data: {}, files });
      for (const file of stored) {
        if (file.provider !== 'local') continue;
        // The image formats are nobody's business: delete them, keep the original privately.
        for (const format of Object.values((file.formats ?? {}) as Record<string, { url: string }>)) fs.rmSync(publicPath(format.url), { force: true });
        await strapi.db.query('plugin::upload.file').update({ where: { id: file.id }, data: { url: hide(file.url), formats: null } });
      }
      return stored.map((file: any) => file.id);
    },

    /** How to hand a stored file back: a stream for the local provider, else its URL. */
    async open(file: any): Promise<{ stream?: fs.ReadStream; redirect?: string }> {
      if (file.provider === 'local' && String(file.url).startsWith(PRIVATE_PREFIX)) {
        return { stream: fs.createReadStream(path.join(privateDir(), path.basename(file.url.slice(PRIVATE_PREFIX.length)))) };
      }
      // Stored before attachments were kept privately.
      if (file.provider === 'local') return { stream: fs.createReadStream(publicPath(file.url)) };
      return { redirect: file.url };
    },
  };
};

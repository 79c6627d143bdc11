// Everything a notification's text is drawn from, gathered by the worker at send time.
import type { DeliveryKind } from '../store/repositories.ts';
import type { Media, TitleLanguage } from '../domain/media.ts';

export interface RenderInput {
  kind: DeliveryKind;
  media: Media;
  episode: number;
  airingAt: number;
  nickname: string;
  language: TitleLanguage;
  subscribers: readonly string[];
  now: number;
}

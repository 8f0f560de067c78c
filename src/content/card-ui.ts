import cardCss from '../ui/card.css?inline';
import { t } from '../ui/i18n.ts';
import frameCss from './card-frame.css?inline';
import { CARD_UI_GLOBAL, type CardUiFactory } from './card-ui-types.ts';
import { CardView } from './card-view.ts';
import { copyText } from './clipboard.ts';

// Second stage of the content script (see card-ui-types.ts): injected at most once per frame, it only leaves its
// factory on the isolated world's global object; the first stage creates the card from it.
const factory: CardUiFactory = ({ doc, host, ...deps }) => {
  host.useStyles(`${cardCss}\n${frameCss}`);
  return new CardView(doc, host, { ...deps, t, copy: (text) => copyText(text, host.shadow) });
};
const scope = globalThis as Record<string, unknown>;
scope[CARD_UI_GLOBAL] ??= factory;

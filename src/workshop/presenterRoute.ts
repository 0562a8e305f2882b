// Apart from the presenter channel (presenterChannel.ts, with the clicker keys): the page's entry
// reads only this to tell the presenter's window from the editor, and the rest loads with the
// presenter view (issue 10).

/** The route that opens a window as the presenter view. */
export const PRESENTER_ROUTE = '#presenter';

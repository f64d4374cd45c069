using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace DynamicClinic.Web.Features;

/// <summary>Title and meta description of a page, set by each view and read by the layout.</summary>
public static class PageMetadata
{
    private const string TitleKey = "Title";
    private const string DescriptionKey = "Description";

    public static void SetPage(this ViewDataDictionary viewData, string title, string description)
    {
        viewData[TitleKey] = title;
        viewData[DescriptionKey] = description;
    }

    public static string Title(this ViewDataDictionary viewData) => viewData[TitleKey] as string ?? "";

    public static string Description(this ViewDataDictionary viewData) => viewData[DescriptionKey] as string ?? "";
}

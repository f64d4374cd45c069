namespace DynamicClinic.Web.Features.Photos;

public static class PhotosServiceCollectionExtensions
{
    /// <summary>Progress photos, their bytes in the database (<see cref="DatabasePhotoStore"/>) until a blob store replaces it.</summary>
    public static IServiceCollection AddProgressPhotos(this IServiceCollection services)
    {
        services.AddScoped<IPhotoStore, DatabasePhotoStore>();
        services.AddScoped<PhotoDesk>();
        services.AddScoped<PhotoCompare>();
        return services;
    }
}
